import { expect } from '@open-wc/testing';
import { parseHashParams, parseQueryParams, readPageParams } from '../../../src/sandbox/meeting-page/url-params.js';

/** The hash `external_api.js` builds for `new JitsiMeetExternalAPI('meet.example.org', {roomName:'Room1', jwt:'x.y.z', configOverwrite:{a:1}, userInfo:{displayName:'Ann'}})`, as the browser reads it back. */
const VERIFIED_HASH =
  '#jitsi_meet_external_api_id=0&jwt=%22x.y.z%22&config.a=1&userInfo.displayName=%22Ann%22&appData.localStorageContent=null';

describe('meeting page: url-params', () => {
  describe('parseHashParams', () => {
    it('decodes the hash external_api.js builds into flat dotted keys', () => {
      expect(parseHashParams(VERIFIED_HASH)).to.deep.equal({
        jitsi_meet_external_api_id: 0,
        jwt: 'x.y.z',
        'config.a': 1,
        'userInfo.displayName': 'Ann',
        'appData.localStorageContent': null,
      });
    });

    it('keeps a nested object as one JSON value', () => {
      const params = parseHashParams(`#config.pip=${encodeURIComponent(JSON.stringify({ disabled: true }))}`);
      expect(params['config.pip']).to.deep.equal({ disabled: true });
    });

    it('reads only the part before a second "=" (split("=")[1]), as Jitsi does', () => {
      expect(parseHashParams('#config.a="x=y"')).to.deep.equal({});
      expect(parseHashParams('#config.a=1=2')).to.deep.equal({ 'config.a': 1 });
    });

    it('drops keys with a __proto__, constructor or prototype segment', () => {
      const params = parseHashParams('#__proto__.polluted=1&config.constructor=1&a.prototype.b=1&config.ok=true');
      expect(params).to.deep.equal({ 'config.ok': true });
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });

    it('drops a value whose JSON carries a __proto__ key (Bourne), keeping the rest', () => {
      const poisoned = encodeURIComponent('{"a":{"__proto__":{"x":1}}}');
      expect(parseHashParams(`#config.bad=${poisoned}&config.good=2`)).to.deep.equal({ 'config.good': 2 });
    });

    it('drops values that are not JSON or not URI-decodable, and never throws', () => {
      expect(parseHashParams('#config.a=nope&config.b=%E0%A4%A&config.c=%7B&config.d=3')).to.deep.equal({
        'config.d': 3,
      });
    });

    it("turns 'undefined' (and a key without '=') into undefined", () => {
      const params = parseHashParams('#config.a=undefined&config.b');
      expect(Object.keys(params)).to.deep.equal(['config.a', 'config.b']);
      expect(params['config.a']).to.equal(undefined);
      expect(params['config.b']).to.equal(undefined);
    });

    it('unescapes the first \\& and turns smart quotes into ASCII before parsing', () => {
      expect(parseHashParams(`#config.a=${encodeURIComponent('“a\\&b”')}`)).to.deep.equal({ 'config.a': 'a&b' });
      expect(parseHashParams(`#config.a=${encodeURIComponent('‘x’')}`)).to.deep.equal({});
    });

    it('ignores an empty hash and a lone hash-router path', () => {
      expect(parseHashParams('')).to.deep.equal({});
      expect(parseHashParams('#')).to.deep.equal({});
      expect(parseHashParams('#/settings')).to.deep.equal({});
    });
  });

  describe('parseQueryParams', () => {
    it('keeps query values raw, as Jitsi reads the JWT from the query', () => {
      expect(parseQueryParams('?jwt=a.b.c&lang=de')).to.deep.equal({ jwt: 'a.b.c', lang: 'de' });
    });
  });

  describe('readPageParams', () => {
    it('enables the API only for a numeric jitsi_meet_external_api_id', () => {
      expect(readPageParams({ hash: '#jitsi_meet_external_api_id=3', search: '' }).apiId).to.equal(3);
      expect(readPageParams({ hash: '#jitsi_meet_external_api_id=%223%22', search: '' }).apiId).to.equal(undefined);
      expect(readPageParams({ hash: '#jitsi_meet_external_api_id=x', search: '' }).apiId).to.equal(undefined);
      expect(readPageParams({ hash: '', search: '' }).apiId).to.equal(undefined);
    });

    it('takes the JWT from the hash first, then from the query', () => {
      expect(readPageParams({ hash: VERIFIED_HASH, search: '?jwt=q.q.q' }).jwt).to.equal('x.y.z');
      expect(readPageParams({ hash: '#jitsi_meet_external_api_id=0', search: '?jwt=q.q.q' }).jwt).to.equal('q.q.q');
      expect(readPageParams({ hash: '#jwt=5', search: '' }).jwt).to.equal(undefined);
    });

    it('reads userInfo, and leaves config.* and interfaceConfig.* in the hash for the whitelists', () => {
      const levels = encodeURIComponent(JSON.stringify(['error', 7, 'warn']));
      const params = readPageParams({
        hash: `#userInfo.displayName=%22Ann%22&userInfo.email=%22ann%40x.org%22&config.apiLogLevels=${levels}&interfaceConfig.SHOW_PROMOTIONAL_CLOSE_PAGE=true`,
        search: '',
      });
      expect(params.displayName).to.equal('Ann');
      expect(params.email).to.equal('ann@x.org');
      expect(params.hash['config.apiLogLevels']).to.deep.equal(['error', 7, 'warn']);
      expect(params.hash['interfaceConfig.SHOW_PROMOTIONAL_CLOSE_PAGE']).to.equal(true);
    });
  });
});
