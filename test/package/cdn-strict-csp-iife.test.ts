import { describeUnderStrictCsp } from './strict-csp-suite.js';

describeUnderStrictCsp('nano-meet.iife.js');
