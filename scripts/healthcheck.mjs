// The container's HEALTHCHECK: exits 0 when /healthz answers 200 within 3 seconds, else 1.
// Plain JavaScript with no dependency, so it runs in the production image as it is. It asks the
// port health is served on (HEALTH_PORT, else Slack HTTP mode's PORT) on this host's loopback,
// unless HOST names one address to listen on.
const port = process.env.HEALTH_PORT || process.env.PORT || '3000';
const bound = process.env.HOST;
const host =
  !bound || bound === '0.0.0.0' || bound === '::'
    ? '127.0.0.1'
    : bound.includes(':')
      ? `[${bound}]`
      : bound;
try {
  const response = await fetch(`http://${host}:${port}/healthz`, {
    signal: AbortSignal.timeout(3000),
  });
  process.exit(response.status === 200 ? 0 : 1);
} catch (error) {
  process.stderr.write(`healthcheck: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
