/** The part of a delivery (one outbound bubble) the queue and the editor look at. */
export interface DeliveryState {
  status: string;
}

/** An approved draft with a bubble that could not be sent needs a person: it belongs in the queue. */
export function hasFailedDelivery(deliveries: ReadonlyArray<DeliveryState> | null | undefined): boolean {
  return deliveries?.some((delivery) => delivery.status === 'FAILED') ?? false;
}

/** The different failure reasons of the failed deliveries, in bubble order, for one line of text. */
export function failureReasons(deliveries: ReadonlyArray<DeliveryState & { failureReason?: string | null }>): string {
  const reasons = deliveries
    .filter((d) => d.status === 'FAILED')
    .map((d) => d.failureReason?.trim() || 'no reason recorded');
  return [...new Set(reasons)].join('; ');
}
