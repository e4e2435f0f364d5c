#if !NANOFRAMEWORK_1_0
// Host-only: the "no allocation per block / per verification" promise, measured with the runtime's allocation counter.
using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class AllocationTests
    {
        [TestMethod]
        public void HashAppendAndFinish_WarmInstances_AllocateNothing()
        {
            var md5 = new Md5();
            var sha = new Sha256();
            var data = new byte[1000];
            var digest = new byte[32];
            string text = "user:r\u00E9alm:\uD83D\uDE00 password";
            HashOnce(md5, sha, data, digest, text);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                HashOnce(md5, sha, data, digest, text);
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [TestMethod]
        public void DigestServerVerify_Ok_AllocatesNothing()
        {
            var server = new DigestServer("example.com", Utf8.Encode("0123456789abcdef-secret"), new SystemRandomSource(new Random(3)));
            var client = new DigestClient(new SystemRandomSource(new Random(4)));
            DigestChallenge challenge = server.CreateChallenges(0, false)[0];
            string ha1 = DigestHa1.ComputeSha256("alice", "example.com", "pw");
            DigestHa1Lookup lookup = (u, r, a) => ha1;
            var answers = new DigestCredentials[11];
            for (int i = 0; i < answers.Length; i++)
            {
                answers[i] = client.Answer(challenge, "alice", "pw", "REGISTER", "sip:example.com");
            }

            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(answers[0], "REGISTER", "sip:example.com", lookup, 1));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 1; i < answers.Length; i++)
            {
                server.Verify(answers[i], "REGISTER", "sip:example.com", lookup, 1);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(DigestVerifyResult.Replay, server.Verify(answers[10], "REGISTER", "sip:example.com", lookup, 1));
        }

        [TestMethod]
        public void DigestClientAnswerTo_WarmBuffer_AllocatesNothing()
        {
            var client = new DigestClient(new SystemRandomSource(new Random(4)));
            var challenge = new DigestChallenge { Realm = "example.com", Nonce = "n0nce", Algorithm = "SHA-256", Qop = "auth", Opaque = "op" };
            var buffer = new CharBuffer(400);
            client.AnswerTo(buffer, challenge, "alice", "pw", "REGISTER", "sip:example.com");

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                buffer.Clear();
                client.AnswerTo(buffer, challenge, "alice", "pw", "REGISTER", "sip:example.com");
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.IsTrue(buffer.ToString().EndsWith(", qop=auth, nc=0000000b"), buffer.ToString());
        }

        private static void HashOnce(Md5 md5, Sha256 sha, byte[] data, byte[] digest, string text)
        {
            md5.Append(data, 3, 900);
            md5.AppendUtf8(text);
            md5.Append((byte)':');
            md5.AppendLowerHex(data, 0, 16);
            md5.Finish(digest, 0);
            sha.Append(data, 1, 999);
            sha.AppendUtf8(text);
            sha.Finish(digest, 0);
        }
    }
}
#endif
