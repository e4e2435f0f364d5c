namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Finds the stored HA1 of a user: hex digits (either case) of H(username:realm:password) for
    /// <paramref name="algorithm"/>, which is always a base algorithm (<see cref="DigestAlgorithm.Md5"/> or
    /// <see cref="DigestAlgorithm.Sha256"/>). Returns null when the user is unknown or has no HA1 for it.
    /// </summary>
    public delegate string DigestHa1Lookup(string username, string realm, DigestAlgorithm algorithm);
}
