using System;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>A configured listening port is held by another socket.</summary>
    public sealed class PortInUseException : Exception
    {
        /// <summary>Creates the exception for the endpoint that could not be bound.</summary>
        public PortInUseException(ListenerEndpoint endpoint, Exception innerException)
            : base($"port already in use: {endpoint}", innerException)
        {
            Endpoint = endpoint;
        }

        /// <summary>The endpoint that could not be bound.</summary>
        public ListenerEndpoint Endpoint { get; }
    }
}
