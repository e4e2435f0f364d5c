using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>Finds users of the domain by name, for digest verification and for routing to local users.</summary>
    public interface IUserDirectory
    {
        /// <summary>The user of that name, or null. Completes synchronously when the answer is cached.</summary>
        ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken = default);
    
        /// <summary>
        /// Makes the pending credentials of a rotation (issued by <c>devices pair --rotate</c>) the current ones, once the
        /// device has authenticated with them; the old password stops working from then on.
        /// </summary>
        Task PromotePendingAsync(string name, string pendingHa1Md5, CancellationToken cancellationToken = default);
    }
}
