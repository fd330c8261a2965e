/** The meta row every load that stores something increments in its own transaction (read by db/cache.ts). */
export const DATA_VERSION_KEY = "data_version";
