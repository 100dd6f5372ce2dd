/**
 * The ports `npm start` listens on, from the environment. Each has a variable; an unset one takes its default
 * (8080 for the demo pages, any free port for the others), 0 asks for any free port.
 */
import { DemoPortError, type DemoService } from './listen-on-port.js';

export interface DemoPorts {
  port: number;
  sandboxPort: number;
  tokenServicePort: number;
}

/** The variable that sets each service's port, as the README's demo section lists them. */
export const PORT_VARIABLES: Record<DemoService, string> = {
  demo: 'DEMO_PORT',
  sandbox: 'DEMO_SANDBOX_PORT',
  'token service': 'DEMO_TOKEN_SERVICE_PORT',
};

const DEFAULTS: Record<DemoService, number> = { demo: 8080, sandbox: 0, 'token service': 0 };

/** Reads the three ports; throws a {@link DemoPortError} `port-invalid` for a value that is not a port number. */
export function demoPortsFromEnv(env: NodeJS.ProcessEnv): DemoPorts {
  return {
    port: portOf('demo', env),
    sandboxPort: portOf('sandbox', env),
    tokenServicePort: portOf('token service', env),
  };
}

function portOf(service: DemoService, env: NodeJS.ProcessEnv): number {
  const variable = PORT_VARIABLES[service];
  const text = env[variable]?.trim();
  if (!text) return DEFAULTS[service];
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535)) {
    throw new DemoPortError(
      'port-invalid',
      service,
      NaN,
      `${variable} must be a port number from 0 to 65535 (0: any free port), not "${text}".`,
    );
  }
  return port;
}

/** What to tell a person whose port could not be used: what happened, and what to do about it. */
export function explainPortError(error: DemoPortError): string {
  if (error.code === 'port-invalid') return error.message;
  const variable = PORT_VARIABLES[error.service];
  const another = error.port >= 65535 || error.port < 1024 ? 8081 : error.port + 1;
  const advice = `Stop what uses it, or choose another port: ${variable}=${another} npm start (0 picks any free port).`;
  return `${error.message} ${advice}`;
}
