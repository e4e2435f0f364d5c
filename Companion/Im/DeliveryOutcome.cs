namespace SimpleImGateway.Companion.Im
{
    /// <summary>What the final status of a delivery attempt means for the stored message.</summary>
    internal enum DeliveryOutcome
    {
        /// <summary>2xx: delivered; the message is deleted.</summary>
        Delivered,

        /// <summary>Worth trying again later: timeout, unavailable, busy, server errors, redirects.</summary>
        Retry,

        /// <summary>
        /// The recipient refused this message for good (400, 403, 405, 413, 415, 416, 420, 488, 513, 603, 604, 606):
        /// retrying cannot help and would block the messages behind it, so it is removed and its sender told.
        /// </summary>
        Refused,
    }

    /// <summary>Classifies final statuses of deliveries.</summary>
    internal static class DeliveryOutcomes
    {
        public static DeliveryOutcome Of(int status) => status switch
        {
            >= 200 and < 300 => DeliveryOutcome.Delivered,
            400 or 403 or 405 or 413 or 415 or 416 or 420 or 488 or 513 or 603 or 604 or 606 => DeliveryOutcome.Refused,
            _ => DeliveryOutcome.Retry,
        };
    }
}
