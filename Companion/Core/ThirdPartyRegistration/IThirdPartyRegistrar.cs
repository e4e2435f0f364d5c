using System;

namespace SimpleImGateway.Companion.Core.ThirdPartyRegistration
{
    /// <summary>
    /// Registers users at the application servers on their behalf (OMA SIMPLE IM seed steps 2–5, like an IMS
    /// S-CSCF's third-party REGISTER): after each change of a user's registration, one REGISTER per configured
    /// server, one server after the other.
    /// </summary>
    public interface IThirdPartyRegistrar
    {
        /// <summary>Whether any application server takes third-party registrations.</summary>
        bool HasServers { get; }

        /// <summary>
        /// REGISTERs <paramref name="aor"/> with <paramref name="expiresSeconds"/> (0 unregisters) at every server in
        /// order, each after the previous one answered or timed out, then calls <paramref name="done"/> on the loop.
        /// A server that fails or does not answer is logged and skipped; it never fails the user's registration.
        /// </summary>
        void Register(string aor, long expiresSeconds, Action done);
    }
}
