// zod compiles fast parsers with new Function() unless told not to; the renderer's CSP forbids eval,
// so opt out up front instead of letting the probe trip a CSP violation report.
import { z } from 'zod';

z.config({ jitless: true });
