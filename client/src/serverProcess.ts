// How the language server's Node process is started: by the extension, and
// by the tests and the bench that speak to the server as it does.

/**
 * A young generation of 64 MB instead of Node's default: indexing makes
 * millions of short-lived YAML nodes, and with the default the collector ran
 * about 170 times in a 10,000-job load (1.3–1.7 s of it); with 64 MB about
 * 70 times (0.5–0.6 s), and the load took a quarter less time.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
