/**
 * The words the elements added for assistive technology (announcements, names), in English and in one place,
 * so that they move into the message catalogue together.
 */
export const A11Y_MESSAGES = {
  /** The broadcast button's status once a broadcast it showed live is over. */
  broadcastEnded: 'The broadcast has ended.',
} as const;
