// The InfluxDB version the embedded engine's 1.x API presents (X-Influxdb-Version, /health, the internal
// source's connection test). 1.8 because the API serves 1.8's additions that clients use (`/health`,
// `Authorization: Token user:password`); status codes and texts follow influxd 1.6.7, the one tested against.
export const INFLUX_VERSION = '1.8.10';
export const INFLUX_BUILD = 'OSS';

/** The connection-test banner, in the form the DataHub document shows (`InfluxDB v1.7.7`). */
export const INFLUX_BANNER = `InfluxDB v${INFLUX_VERSION}`;
