// Resolved instead of the server entry when a bundler builds for browsers: signing keys and API keys must
// never reach a page, so a browser build that imports `nano-meet/server` fails loudly instead.
throw new Error('nano-meet/server issues tokens with secret keys and must run on a server, not in a browser.');
