using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Devices;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Sip.Auth;
using DigestHa1 = SimpleImGateway.Companion.Accounts.DigestHa1;

namespace SimpleImGateway.Companion.Tests.Devices
{
    [TestClass]
    public sealed class UserCredentialVerifierTests
    {
        private const string Realm = "simpleim.test";
        private const string OldPassword = "old-Password-1";
        private const string NewPassword = "new-Password-2";

        private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

        private IStorageProvider _storage = null!;
        private UserCredentialVerifier _verifier = null!;
        private DigestTestClient _digest = null!;

        [TestInitialize]
        public async Task OpenAsync()
        {
            (_, _storage) = await SqliteTestDatabase.Source.GetSharedAsync();
            _verifier = new UserCredentialVerifier(_storage.Users);
            _digest = new DigestTestClient();
            await _storage.Users.AddAsync(new UserAccount("bob", Realm, DigestHa1.Md5("bob", Realm, OldPassword), DigestHa1.Sha256("bob", Realm, OldPassword), T0) { PairedAt = T0 });
        }

        [TestMethod]
        public async Task Verify_CurrentPasswordNoRotation_Ok()
        {
            CredentialVerification result = await VerifyAsync(_digest.Answer("bob", OldPassword));

            Assert.AreEqual(DigestVerifyResult.Ok, result.Result);
            Assert.IsFalse(result.UsedPending);
            Assert.IsFalse(result.Promoted);
        }

        [TestMethod]
        public async Task Verify_WrongPasswordNoRotation_BadResponse()
        {
            CredentialVerification result = await VerifyAsync(_digest.Answer("bob", NewPassword));

            Assert.AreEqual(DigestVerifyResult.BadResponse, result.Result);
        }

        [TestMethod]
        public async Task Verify_UnknownUser_UnknownUser()
        {
            CredentialVerification result = await VerifyAsync(_digest.Answer("carol", OldPassword));

            Assert.AreEqual(DigestVerifyResult.UnknownUser, result.Result);
            Assert.IsNull(result.Account);
        }

        [TestMethod]
        public async Task Rotation_OldWorksUntilNewIsUsed_ThenOnlyNew()
        {
            await RotateAsync(NewPassword);

            CredentialVerification old1 = await VerifyAsync(_digest.Answer("bob", OldPassword));
            Assert.AreEqual(DigestVerifyResult.Ok, old1.Result, "old password before the device used the new one");
            Assert.IsFalse(old1.UsedPending);
            Assert.IsNotNull((await _storage.Users.GetAsync("bob"))!.Pending, "still pending");

            CredentialVerification first = await VerifyAsync(_digest.Answer("bob", NewPassword));
            Assert.AreEqual(DigestVerifyResult.Ok, first.Result);
            Assert.IsTrue(first.UsedPending);
            Assert.IsTrue(first.Promoted);

            UserAccount promoted = (await _storage.Users.GetAsync("bob"))!;
            Assert.IsNull(promoted.Pending);
            Assert.AreEqual(DigestHa1.Md5("bob", Realm, NewPassword), promoted.Ha1Md5);

            Assert.AreEqual(DigestVerifyResult.BadResponse, (await VerifyAsync(_digest.Answer("bob", OldPassword))).Result, "old password after promotion");
            CredentialVerification again = await VerifyAsync(_digest.Answer("bob", NewPassword));
            Assert.AreEqual(DigestVerifyResult.Ok, again.Result);
            Assert.IsFalse(again.UsedPending);
        }

        [TestMethod]
        public async Task Rotation_Sha256Credentials_PromotedToo()
        {
            await RotateAsync(NewPassword);

            CredentialVerification result = await VerifyAsync(_digest.Answer("bob", NewPassword, DigestAlgorithm.Sha256));

            Assert.AreEqual(DigestVerifyResult.Ok, result.Result);
            Assert.IsTrue(result.Promoted);
            Assert.AreEqual(DigestHa1.Sha256("bob", Realm, NewPassword), (await _storage.Users.GetAsync("bob"))!.Ha1Sha256);
        }

        [TestMethod]
        public async Task Rotation_WrongPassword_BadResponseAndNothingChanges()
        {
            await RotateAsync(NewPassword);

            CredentialVerification result = await VerifyAsync(_digest.Answer("bob", "neither"));

            Assert.AreEqual(DigestVerifyResult.BadResponse, result.Result);
            Assert.IsFalse(result.UsedPending);
            Assert.IsNotNull((await _storage.Users.GetAsync("bob"))!.Pending);
        }

        [TestMethod]
        public async Task Rotation_NewPasswordOnStaleNonce_StaleWithoutPromotion()
        {
            await RotateAsync(NewPassword);
            DigestCredentials credentials = _digest.Answer("bob", NewPassword);
            _digest.Now += DigestServer.DefaultNonceLifetimeMilliseconds + 1;

            CredentialVerification result = await VerifyAsync(credentials);

            Assert.AreEqual(DigestVerifyResult.Stale, result.Result);
            Assert.IsTrue(result.UsedPending);
            Assert.IsFalse(result.Promoted);
            Assert.IsNotNull((await _storage.Users.GetAsync("bob"))!.Pending);
        }

        [TestMethod]
        public async Task Rotation_ReplayedCredentials_Replay()
        {
            await RotateAsync(NewPassword);
            DigestCredentials credentials = _digest.Answer("bob", NewPassword);
            await VerifyAsync(credentials);

            CredentialVerification replay = await VerifyAsync(credentials);

            Assert.AreEqual(DigestVerifyResult.Replay, replay.Result);
        }

        [TestMethod]
        public async Task Rotation_OldPasswordFailedAttemptFirst_DoesNotConsumeTheNonceForTheNewOne()
        {
            await RotateAsync(NewPassword);
            DigestCredentials wrong = _digest.Answer("bob", "neither");
            DigestCredentials right = _digest.Answer("bob", NewPassword);

            Assert.AreEqual(DigestVerifyResult.BadResponse, (await VerifyAsync(wrong)).Result);

            Assert.AreEqual(DigestVerifyResult.Ok, (await VerifyAsync(right)).Result);
        }

        [TestMethod]
        public async Task Verify_NewerRotationBetweenReadAndPromotion_NewerStaysPending()
        {
            await RotateAsync(NewPassword);
            UserAccount read = (await _storage.Users.GetAsync("bob"))!;
            CredentialVerification verdict = UserCredentialVerifier.Verify(
                _digest.Server, _digest.Answer("bob", NewPassword), "REGISTER", DigestTestClient.RequestUri, read, _digest.Now);
            Assert.IsTrue(verdict.IsOk && verdict.UsedPending);
            await RotateAsync("third-Password-3");

            Assert.IsFalse(await _storage.Users.PromotePendingCredentialsAsync("bob", read.Pending!.Ha1Md5));

            UserAccount after = (await _storage.Users.GetAsync("bob"))!;
            Assert.AreEqual(DigestHa1.Md5("bob", Realm, OldPassword), after.Ha1Md5);
            Assert.AreEqual(DigestHa1.Md5("bob", Realm, "third-Password-3"), after.Pending!.Ha1Md5);
        }

        [TestMethod]
        public void Verify_StaticWithAccountOfOtherRealm_UnknownUser()
        {
            var account = new UserAccount("bob", "other.test", DigestHa1.Md5("bob", "other.test", OldPassword), DigestHa1.Sha256("bob", "other.test", OldPassword), T0);

            CredentialVerification result = UserCredentialVerifier.Verify(
                _digest.Server, _digest.Answer("bob", OldPassword), "REGISTER", DigestTestClient.RequestUri, account, _digest.Now);

            Assert.AreEqual(DigestVerifyResult.UnknownUser, result.Result);
        }

        private Task<CredentialVerification> VerifyAsync(DigestCredentials credentials) =>
            _verifier.VerifyAsync(_digest.Server, credentials, "REGISTER", DigestTestClient.RequestUri, _digest.Now);

        private async Task RotateAsync(string password) =>
            Assert.IsTrue(await _storage.Users.SetPendingCredentialsAsync(
                "bob", new PendingCredentials(DigestHa1.Md5("bob", Realm, password), DigestHa1.Sha256("bob", Realm, password), T0.AddMinutes(1))));
    }
}
