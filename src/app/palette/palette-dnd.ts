/** The drag-and-drop payload type of a palette item: its kind name. */
export const PALETTE_MIME = 'application/x-serverless-sim-kind';
