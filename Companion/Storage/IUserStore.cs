using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>The users of the domain and their digest credentials. Names are compared case-sensitively.</summary>
    public interface IUserStore
    {
        /// <summary>Adds a user; false, changing nothing, when a user of that name exists.</summary>
        Task<bool> AddAsync(UserAccount account, CancellationToken cancellationToken = default);

        /// <summary>The user of that name, or null.</summary>
        Task<UserAccount?> GetAsync(string name, CancellationToken cancellationToken = default);

        /// <summary>All users, ordered by name (ordinal).</summary>
        Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default);

        /// <summary>Removes a user, pending credentials included; false when there was none of that name.</summary>
        Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);

        /// <summary>
        /// Starts a credential rotation: stores <paramref name="pending"/> beside the current HA1 values, replacing any
        /// earlier pending pair. False, changing nothing, when there is no user of that name.
        /// </summary>
        Task<bool> SetPendingCredentialsAsync(string name, PendingCredentials pending, CancellationToken cancellationToken = default);

        /// <summary>
        /// Ends a rotation once the device has authenticated with the pending password: the pending HA1 values become
        /// the current ones and the old ones are dropped, in one atomic step. Only when the user's pending MD5 HA1 is
        /// still <paramref name="pendingHa1Md5"/> (a newer rotation is never promoted by an older verification);
        /// otherwise false, changing nothing.
        /// </summary>
        Task<bool> PromotePendingCredentialsAsync(string name, string pendingHa1Md5, CancellationToken cancellationToken = default);
    }
}
