using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Accounts;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Core.Support;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>
    /// Credential rotation (<c>devices pair --rotate</c>) as the registrar sees it: the old password keeps working
    /// until the device registers with the new one, and stops working from then on.
    /// </summary>
    [TestClass]
    public sealed class RegistrarRotationTests
    {
        private const string Domain = "simpleim.test";

        [TestMethod]
        public async Task Register_RotationPending_OldPasswordStillWorks()
        {
            await using CoreHarness core = await CoreHarness.StartAsync();
            await RotateAsync(core.Storage, "bob", "bob-new-pw");

            SipMessage response = await core.NewUa("bob", "bob-pw").RegisterAsync();

            Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
            Assert.IsNotNull((await core.Storage.Users.GetAsync("bob"))!.Pending, "an old-password REGISTER must not promote the rotation");
        }

        [TestMethod]
        public async Task Register_NewPasswordUsedOnce_PromotesItAndTheOldOneIsRefused()
        {
            await using CoreHarness core = await CoreHarness.StartAsync();
            await RotateAsync(core.Storage, "bob", "bob-new-pw");

            SipMessage withNew = await core.NewUa("bob", "bob-new-pw").RegisterAsync();
            Assert.AreEqual(200, withNew.StatusCode, withNew.ReasonPhrase);
            await WaitUntilPromotedAsync(core.Storage, "bob");

            SipMessage withOld = await core.NewUa("bob", "bob-pw").RegisterAsync();
            Assert.AreEqual(403, withOld.StatusCode, withOld.ReasonPhrase);
            SipMessage withNewAgain = await core.NewUa("bob", "bob-new-pw").RegisterAsync();
            Assert.AreEqual(200, withNewAgain.StatusCode, withNewAgain.ReasonPhrase);
        }

        private static async Task RotateAsync(IStorageProvider storage, string user, string newPassword)
        {
            var pending = new PendingCredentials(DigestHa1.Md5(user, Domain, newPassword), DigestHa1.Sha256(user, Domain, newPassword), DateTimeOffset.UtcNow);
            Assert.IsTrue(await storage.Users.SetPendingCredentialsAsync(user, pending));
        }

        private static async Task WaitUntilPromotedAsync(IStorageProvider storage, string user)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await storage.Users.GetAsync(user))!.Pending is not null)
            {
                Assert.IsTrue(DateTime.UtcNow < deadline, "the registrar did not promote the new credentials");
                await Task.Delay(20);
            }
        }
    }
}
