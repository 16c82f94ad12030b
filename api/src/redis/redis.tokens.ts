/** The Redis connection for plain commands (health, publishing outbound events). */
export const REDIS = Symbol('REDIS');
/** The BullMQ `matching` queue. */
export const MATCHING_QUEUE_TOKEN = Symbol('MATCHING_QUEUE');
