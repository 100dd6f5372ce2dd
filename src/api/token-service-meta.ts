/** Where the page's token service is, e.g. `<meta name="nano-meet-token-service" content="https://tokens.example">`. */
export const TOKEN_SERVICE_META = 'nano-meet-token-service';
