using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Storage
{
    /// <summary>What every <see cref="IUserStore"/> must do.</summary>
    public abstract class UserStoreContract : StoreContractTestBase
    {
        private static UserAccount Account(string name, string md5 = "0123456789abcdef0123456789abcdef") =>
            new(name, "simpleim.test", md5, new string('a', 64), T0);

        [TestMethod]
        public async Task Add_NewUser_GetReturnsEveryField()
        {
            var alice = new UserAccount("alice", "simpleim.test", "c55576e2388d96acbe7f65fdf7fce60f", "3ac0364206cd94ca92b29a6547c1cc879c446380e2f7783e0774d3bed0ffa226", T0);

            Assert.IsTrue(await Storage.Users.AddAsync(alice));

            Assert.AreEqual(alice, await Storage.Users.GetAsync("alice"));
        }

        [TestMethod]
        public async Task Add_ExistingName_ReturnsFalseAndKeepsTheFirst()
        {
            await Storage.Users.AddAsync(Account("alice", "11111111111111111111111111111111"));

            Assert.IsFalse(await Storage.Users.AddAsync(Account("alice", "22222222222222222222222222222222")));

            Assert.AreEqual("11111111111111111111111111111111", (await Storage.Users.GetAsync("alice"))!.Ha1Md5);
        }

        [TestMethod]
        public async Task Get_UnknownName_ReturnsNull()
        {
            await Storage.Users.AddAsync(Account("alice"));

            Assert.IsNull(await Storage.Users.GetAsync("bob"));
        }

        [TestMethod]
        public async Task Get_NameInOtherCase_ReturnsNull()
        {
            await Storage.Users.AddAsync(Account("alice"));

            Assert.IsNull(await Storage.Users.GetAsync("Alice"));
        }

        [TestMethod]
        public async Task List_SeveralUsers_OrderedOrdinally()
        {
            foreach (string name in new[] { "carol", "bob", "alice", "Zed", "Alice" })
            {
                await Storage.Users.AddAsync(Account(name));
            }

            string[] names = (await Storage.Users.ListAsync()).Select(u => u.Name).ToArray();

            CollectionAssert.AreEqual(new[] { "Alice", "Zed", "alice", "bob", "carol" }, names);
        }

        [TestMethod]
        public async Task List_Empty_ReturnsNoUsers()
        {
            Assert.AreEqual(0, (await Storage.Users.ListAsync()).Count);
        }

        [TestMethod]
        public async Task Remove_ExistingUser_ReturnsTrueAndOnlyThatUserIsGone()
        {
            await Storage.Users.AddAsync(Account("alice"));
            await Storage.Users.AddAsync(Account("bob"));

            Assert.IsTrue(await Storage.Users.RemoveAsync("alice"));

            Assert.IsNull(await Storage.Users.GetAsync("alice"));
            Assert.IsNotNull(await Storage.Users.GetAsync("bob"));
        }

        [TestMethod]
        public async Task Remove_UnknownUser_ReturnsFalse()
        {
            Assert.IsFalse(await Storage.Users.RemoveAsync("nobody"));
        }

        private static readonly PendingCredentials Rotation = new("fedcba9876543210fedcba9876543210", new string('b', 64), T0.AddMinutes(5));

        [TestMethod]
        public async Task Add_WithPendingAndPairedAt_GetReturnsThem()
        {
            UserAccount device = Account("pager") with { Pending = Rotation, PairedAt = T0.AddSeconds(1) };

            Assert.IsTrue(await Storage.Users.AddAsync(device));

            UserAccount? read = await Storage.Users.GetAsync("pager");
            Assert.AreEqual(device, read);
            Assert.AreEqual(Rotation, read!.Pending);
            Assert.AreEqual(T0.AddSeconds(1), read.PairedAt);
        }

        [TestMethod]
        public async Task Add_PlainUser_NoPendingAndNotPaired()
        {
            await Storage.Users.AddAsync(Account("alice"));

            UserAccount? read = await Storage.Users.GetAsync("alice");
            Assert.IsNull(read!.Pending);
            Assert.IsNull(read.PairedAt);
        }

        [TestMethod]
        public async Task SetPending_ExistingUser_StoredBesideUnchangedCurrent()
        {
            await Storage.Users.AddAsync(Account("pager", "11111111111111111111111111111111"));

            Assert.IsTrue(await Storage.Users.SetPendingCredentialsAsync("pager", Rotation));

            UserAccount? read = await Storage.Users.GetAsync("pager");
            Assert.AreEqual("11111111111111111111111111111111", read!.Ha1Md5);
            Assert.AreEqual(new string('a', 64), read.Ha1Sha256);
            Assert.AreEqual(Rotation, read.Pending);
        }

        [TestMethod]
        public async Task SetPending_UnknownUser_ReturnsFalseAndCreatesNobody()
        {
            Assert.IsFalse(await Storage.Users.SetPendingCredentialsAsync("nobody", Rotation));

            Assert.IsNull(await Storage.Users.GetAsync("nobody"));
        }

        [TestMethod]
        public async Task SetPending_Twice_SecondReplacesFirst()
        {
            await Storage.Users.AddAsync(Account("pager"));
            await Storage.Users.SetPendingCredentialsAsync("pager", Rotation);
            var second = new PendingCredentials("22222222222222222222222222222222", new string('c', 64), T0.AddMinutes(9));

            Assert.IsTrue(await Storage.Users.SetPendingCredentialsAsync("pager", second));

            Assert.AreEqual(second, (await Storage.Users.GetAsync("pager"))!.Pending);
        }

        [TestMethod]
        public async Task Promote_MatchingPending_BecomesCurrentAndOldIsDropped()
        {
            await Storage.Users.AddAsync(Account("pager", "11111111111111111111111111111111") with { PairedAt = T0 });
            await Storage.Users.SetPendingCredentialsAsync("pager", Rotation);

            Assert.IsTrue(await Storage.Users.PromotePendingCredentialsAsync("pager", Rotation.Ha1Md5));

            UserAccount? read = await Storage.Users.GetAsync("pager");
            Assert.AreEqual(Rotation.Ha1Md5, read!.Ha1Md5);
            Assert.AreEqual(Rotation.Ha1Sha256, read.Ha1Sha256);
            Assert.IsNull(read.Pending);
            Assert.AreEqual(T0, read.CreatedAt);
            Assert.AreEqual(T0, read.PairedAt);
        }

        [TestMethod]
        public async Task Promote_Twice_SecondReturnsFalse()
        {
            await Storage.Users.AddAsync(Account("pager"));
            await Storage.Users.SetPendingCredentialsAsync("pager", Rotation);
            await Storage.Users.PromotePendingCredentialsAsync("pager", Rotation.Ha1Md5);

            Assert.IsFalse(await Storage.Users.PromotePendingCredentialsAsync("pager", Rotation.Ha1Md5));

            Assert.AreEqual(Rotation.Ha1Md5, (await Storage.Users.GetAsync("pager"))!.Ha1Md5);
        }

        [TestMethod]
        public async Task Promote_PendingReplacedByNewerRotation_ReturnsFalseAndKeepsBoth()
        {
            await Storage.Users.AddAsync(Account("pager", "11111111111111111111111111111111"));
            await Storage.Users.SetPendingCredentialsAsync("pager", Rotation);
            var newer = new PendingCredentials("33333333333333333333333333333333", new string('d', 64), T0.AddMinutes(7));
            await Storage.Users.SetPendingCredentialsAsync("pager", newer);

            Assert.IsFalse(await Storage.Users.PromotePendingCredentialsAsync("pager", Rotation.Ha1Md5));

            UserAccount? read = await Storage.Users.GetAsync("pager");
            Assert.AreEqual("11111111111111111111111111111111", read!.Ha1Md5);
            Assert.AreEqual(newer, read.Pending);
        }

        [TestMethod]
        public async Task Promote_NoPendingOrUnknownUser_ReturnsFalse()
        {
            await Storage.Users.AddAsync(Account("pager", "11111111111111111111111111111111"));

            Assert.IsFalse(await Storage.Users.PromotePendingCredentialsAsync("pager", Rotation.Ha1Md5));
            Assert.IsFalse(await Storage.Users.PromotePendingCredentialsAsync("nobody", Rotation.Ha1Md5));

            Assert.AreEqual("11111111111111111111111111111111", (await Storage.Users.GetAsync("pager"))!.Ha1Md5);
        }

        [TestMethod]
        public async Task Remove_WithPending_ReAddedUserHasNone()
        {
            await Storage.Users.AddAsync(Account("pager"));
            await Storage.Users.SetPendingCredentialsAsync("pager", Rotation);

            Assert.IsTrue(await Storage.Users.RemoveAsync("pager"));
            await Storage.Users.AddAsync(Account("pager"));

            Assert.IsNull((await Storage.Users.GetAsync("pager"))!.Pending);
        }

        [TestMethod]
        public async Task SetPending_ThenReopen_StillPending()
        {
            await Storage.Users.AddAsync(Account("pager"));
            await Storage.Users.SetPendingCredentialsAsync("pager", Rotation);

            await ReopenAsync();

            Assert.AreEqual(Rotation, (await Storage.Users.GetAsync("pager"))!.Pending);
        }

        [TestMethod]
        public async Task Add_ThenReopen_UserIsStillThere()
        {
            await Storage.Users.AddAsync(Account("alice"));

            await ReopenAsync();

            Assert.AreEqual(Account("alice"), await Storage.Users.GetAsync("alice"));
        }
    }
}
