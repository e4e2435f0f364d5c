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

        /// <summary>Removes a user; false when there was none of that name.</summary>
        Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);
    }
}
