/** CreateModelCard / UpdateModelCard `Content`: at most this many characters. */
export const MAX_CARD_CONTENT_CHARACTERS = 100_000;

/** Model card and model package group names: at most this many characters. */
export const MAX_NAME_CHARACTERS = 63;

/** Monitoring runs kept in a card's evaluation_details unless configured otherwise. */
export const DEFAULT_MAX_MONITORING_EVALUATIONS = 24;
