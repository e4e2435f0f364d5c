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

        [TestMethod]
        public async Task Add_ThenReopen_UserIsStillThere()
        {
            await Storage.Users.AddAsync(Account("alice"));

            await ReopenAsync();

            Assert.AreEqual(Account("alice"), await Storage.Users.GetAsync("alice"));
        }
    }
}
