using System;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary>Times are stored as Unix milliseconds: comparable, indexable and the same in every provider.</summary>
    internal static class UnixTime
    {
        public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

        public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
