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
    }
}
