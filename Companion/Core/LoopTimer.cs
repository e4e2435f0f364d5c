namespace SimpleImGateway.Companion.Core
{
    /// <summary>A one-shot timer of <see cref="LoopTimers"/>; its action runs on the element's loop unless cancelled first.</summary>
    public sealed class LoopTimer
    {
        internal LoopTimer(long due, System.Action action)
        {
            Due = due;
            Action = action;
        }

        /// <summary>Whether <see cref="Cancel"/> was called.</summary>
        public bool IsCancelled { get; private set; }

        internal long Due { get; }

        internal System.Action Action { get; }

        /// <summary>Stops the timer; call on the loop. Harmless after it fired.</summary>
        public void Cancel() => IsCancelled = true;
    }
}
