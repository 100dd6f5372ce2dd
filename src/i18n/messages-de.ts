/**
 * German. Loaded on demand (src/i18n/catalogue.ts): a page that says nothing in German never downloads it.
 * Typed as a whole catalogue, so a key added in English and not here does not compile.
 */
import type { Messages } from './messages-en.js';

export const de: Messages = {
  'meeting.joining': 'Sie betreten das Meeting…',
  'meeting.opens-at': 'Dieses Meeting beginnt am {time}.',
  'meeting.opens-at-status': 'Das Meeting beginnt am {time}.',
  'meeting.lobby': 'Bitte warten Sie, bis eine Moderatorin oder ein Moderator Sie einlässt…',
  'meeting.lobby-status': 'Bitte warten Sie, bis eine Moderatorin oder ein Moderator Sie einlässt.',
  'meeting.password-ask': 'Dieses Meeting ist gesperrt. Passwort:',
  'meeting.password-wrong': 'Das Passwort stimmt nicht. Bitte erneut versuchen:',
  'meeting.password-status': 'Das Meeting verlangt ein Passwort.',
  'meeting.password-wrong-status': 'Das Passwort stimmt nicht.',
  'meeting.join': 'Beitreten',
  'meeting.try-again': 'Erneut versuchen',
  'meeting.rejoin': 'Wieder beitreten',
  'meeting.joined': 'Im Meeting.',
  'meeting.left': 'Sie haben das Meeting verlassen.',
  'meeting.kicked': 'Sie wurden aus dem Meeting entfernt.',
  'meeting.kicked-by': '{name} hat Sie aus dem Meeting entfernt.',
  'meeting.ended': 'Das Meeting ist beendet.',
  'meeting.token-ended': 'Das Token ist abgelaufen.',
  'failure.with-detail': '{message} ({detail})',
  'failure.token-refused': 'Der Meeting-Server hat das Token nicht akzeptiert. Bitten Sie um ein neues.',
  'failure.room-refused': 'Das Token gilt nicht für diesen Meeting-Raum.',
  'failure.lobby-denied': 'Eine Moderatorin oder ein Moderator hat Sie nicht eingelassen.',
  'failure.connection-lost': 'Die Verbindung zum Meeting ist abgebrochen.',
  'failure.media-failed': 'Audio und Video konnten mit dem Meeting-Server nicht eingerichtet werden.',
  'failure.meeting-failed': 'Das Meeting ist fehlgeschlagen.',
  'failure.token-unreadable': 'Das Token dieses Meetings ist ungültig. Bitten Sie um ein neues.',
  'failure.token-expired-at': 'Das Token ist am {time} abgelaufen. Bitten Sie um ein neues.',
  'failure.token-expired': 'Das Token ist abgelaufen, deshalb wurde das Meeting geschlossen. Bitten Sie um ein neues.',
  'failure.list-it': 'nennen Sie ihn im Attribut allowed-servers oder in <meta name="nano-meet-allowed-servers">',
  'failure.server-not-listed':
    'Das Meeting auf {server} wurde nicht geöffnet: loader="external" führt das Skript dieses Servers in dieser ' +
    'Seite aus, was die Seite nur für Server erlaubt, die sie nennt ({listIt}).',
  'failure.server-not-moved':
    'Das Meeting wurde nicht auf {server} verlegt: diese Seite nennt keine Server ({listIt}).',
  'failure.server-not-allowed':
    'Dieses Meeting liegt auf {server}, einem Server, den diese Seite nicht erlaubt; es wurde nicht geöffnet. ' +
    'Gehört {server} Ihnen, {listIt}.',
  'failure.override-not-allowed':
    'Das Attribut server nennt {server}, einen Server, den diese Seite nicht erlaubt; das Meeting wurde nicht ' +
    'geöffnet. Gehört {server} Ihnen, {listIt}.',
  'failure.server-invalid': 'Das Attribut server muss ein Host mit optionalem Port sein, nicht {server}.',
  'failure.allowed-servers-invalid':
    'allowed-servers muss Text oder ein Array von Texten sein, nicht {list}: kein Server ist erlaubt.',
  'failure.load-timeout':
    'Der Meeting-Server {server} hat nicht innerhalb von {seconds} s geantwortet; vielleicht ist er nicht ' +
    'erreichbar. Versuchen Sie es gleich noch einmal.',
  'failure.join-timeout':
    'Das Meeting auf {server} wurde geladen, hat aber nicht innerhalb von {seconds} s begonnen. Versuchen Sie es ' +
    'gleich noch einmal.',
  'failure.script-undefined': '{url} wurde geladen, definiert aber JitsiMeetExternalAPI nicht.',
  'failure.script-timeout': '{url} wurde nicht innerhalb von {seconds} s geladen.',
  'failure.script-failed': '{url} konnte nicht geladen werden. Ist der Meeting-Server erreichbar?',
  'action.not-moderator': '{action}: Das dürfen nur Moderatoren; diese Person ist Gast.',
  'action.broadcast': 'Übertragen',
  'action.stop-broadcast': 'Übertragung beenden',
  'action.follow-me': 'Präsentationsmodus',
  'action.lobby': 'Lobby',
  'action.answer-knock': 'Anklopfen beantworten',
  'action.password': 'Meeting sperren',
  'action.kick': 'Teilnehmende entfernen',
  'action.grant-moderator': 'Moderationsrechte vergeben',
  'action.mute-everyone': 'Alle stummschalten',
  'action.subject': 'Thema festlegen',
  'broadcast.forbidden':
    'Der Meeting-Server hat die Übertragung abgelehnt: dieses Token darf nicht streamen (keine Livestreaming-Funktion).',
  'broadcast.unavailable': 'Auf dem Meeting-Server ist gerade kein Übertragungsdienst verfügbar.',
  'broadcast.busy': 'Der Übertragungsdienst ist ausgelastet; versuchen Sie es gleich noch einmal.',
  'broadcast.running': 'Eine Übertragung dieses Meetings läuft bereits.',
  'broadcast.refused': 'Die Übertragung konnte nicht starten ({reason}).',
  'broadcast.no-reason': 'ohne Angabe von Gründen',
  'broadcast.failed':
    'Die Übertragung ist während der Sendung fehlgeschlagen ({reason}); die Zuschauer empfangen sie nicht mehr. ' +
    'Starten Sie sie erneut, um wieder auf Sendung zu gehen.',
  'broadcast.timeout': 'Das Meeting hat die Übertragung nicht innerhalb von {seconds} s bestätigt.',
  'broadcast.cancelled': 'Die Übertragung wurde beendet, bevor sie auf Sendung ging.',
  'button.go-live': 'Live gehen',
  'button.starting': 'Startet…',
  'button.stop': 'Übertragung beenden',
  'button.stopping': 'Wird beendet…',
  'button.badge': 'LIVE',
  'button.idle-status': 'Keine Übertragung.',
  'button.starting-status': 'Die Übertragung startet.',
  'button.live-status': 'Live: das Meeting wird übertragen.',
  'button.stopping-status': 'Die Übertragung wird beendet.',
  'button.ended-status': 'Die Übertragung ist beendet.',
  'button.error-status': 'Die Übertragung ist fehlgeschlagen.',
  'button.no-meeting': 'Kein Meeting zum Übertragen.',
  'button.not-joined': 'Treten Sie dem Meeting bei, um zu übertragen.',
  'button.not-moderator': 'Nur Moderatoren können übertragen.',
  'playout.play': 'Abspielen',
  'playout.badge-live': 'Live',
  'playout.badge-recording': 'Aufzeichnung',
  'playout.connecting': 'Verbindung zur Übertragung wird hergestellt…',
  'playout.loading-recording': 'Die Aufzeichnung wird geladen…',
  'playout.waiting': 'Warten auf den Beginn der Übertragung…',
  'playout.live': 'Live.',
  'playout.playing-recording': 'Die Aufzeichnung wird abgespielt.',
  'playout.stalled': 'Verbindung wird wiederhergestellt…',
  'playout.ended': 'Die Übertragung ist beendet.',
  'playout.recording-ended': 'Die Aufzeichnung ist zu Ende.',
  'playout.ended-with-recording': 'Die Übertragung ist beendet. Ihre Aufzeichnung kann abgespielt werden.',
  'playout.not-started': 'Die Übertragung hat noch nicht begonnen.',
  'playout.is-live': 'Die Übertragung läuft.',
  'playout.unplayable-now': 'Die Übertragung kann gerade nicht abgespielt werden.',
  'playout.cannot-play': 'Die Übertragung kann nicht abgespielt werden.',
  'playout.unreachable': 'Die Übertragung ist nicht erreichbar.',
  'playout.nothing': 'Hier gibt es keine Übertragung zu sehen.',
  'playout.load-failed': 'Der Player konnte nicht geladen werden.',
  'playout.retrying': '{sentence} Neuer Versuch…',
  'api.element-not-found': 'Kein Element hat die id {id}.',
  'api.not-initialized': 'Rufen Sie zuerst init() auf.',
  'api.token-service-missing':
    'Kein Token-Dienst eingerichtet: fügen Sie <meta name="nano-meet-token-service" content="https://…"> in die ' +
    'Seite ein.',
  'api.token-service-unreachable': 'Der Token-Dienst unter {url} ist nicht erreichbar.',
  'api.token-service-status': 'Der Token-Dienst antwortete mit {status}.',
  'api.meeting-failed': 'Das Meeting konnte nicht geöffnet werden.',
  'meeting.frame-title': 'Meeting im Raum {room}',
  'meeting.join-first': 'Treten Sie zuerst dem Meeting bei.',
  'meeting.closed': 'Das Meeting wurde geschlossen.',
  'playout.player': 'Player der Übertragung',
};
