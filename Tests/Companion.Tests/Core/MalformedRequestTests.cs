using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Tests.Core.Support;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>
    /// RFC 4475 torture messages sent to the Core over UDP, each with its top Via rewritten to the test's
    /// loopback socket (so the answer, and anything the Core might forward, stays on 127.0.0.1). Each gets the
    /// status the RFC names, from the parser, the transaction layer or the Core's validator, and the Core keeps
    /// serving afterwards.
    /// </summary>
    [TestClass]
    public sealed class MalformedRequestTests
    {
        // RFC 4475 messages (section, file); "{via}" marks the Via line replaced by the test's own.
        private static readonly Dictionary<string, string> s_messages = new()
        {
            ["badvers"] = """
                OPTIONS sip:t.watson@example.org SIP/7.0
                {via}
                Max-Forwards:     70
                From:    A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe
                To:      T. Watson <sip:t.watson@example.org>
                Call-ID: badvers.31417@c.example.com
                CSeq:    1 OPTIONS
                l: 0

                """,
            ["unkscm"] = """
                OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0
                To: sip:user@example.com
                From: sip:caller@example.net;tag=384
                Max-Forwards: 3
                Call-ID: unkscm.nasdfasser0q239nwsdfasdkl34
                CSeq: 3923423 OPTIONS
                {via}
                Content-Length: 0

                """,
            ["novelsc"] = """
                OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0
                To: sip:user@example.com
                From: sip:caller@example.net;tag=384
                Max-Forwards: 3
                Call-ID: novelsc.asdfasser0q239nwsdfasdkl34
                CSeq: 3923423 OPTIONS
                {via}
                Content-Length: 0

                """,
            ["insuf"] = """
                INVITE sip:user@example.com SIP/2.0
                CSeq: 193942 INVITE
                {via}
                Content-Type: application/sdp
                l: 0

                """,
            ["mismatch01"] = """
                OPTIONS sip:user@example.com SIP/2.0
                To: sip:j.user@example.com
                From: sip:caller@example.net;tag=34525
                Max-Forwards: 6
                Call-ID: mismatch01.dj0234sxdfl3
                CSeq: 8 INVITE
                {via}
                l: 0

                """,
            ["bext01"] = """
                OPTIONS sip:user@example.com SIP/2.0
                To: sip:j_user@example.com
                From: sip:caller@example.net;tag=242etr
                Max-Forwards: 6
                Call-ID: bext01.0ha0isndaksdj
                Require: nothingSupportsThis, nothingSupportsThisEither
                Proxy-Require: noProxiesSupportThis, norDoAnyProxiesSupportThis
                CSeq: 8 OPTIONS
                {via}
                Content-Length: 0

                """,
            ["zeromf"] = """
                OPTIONS sip:user@example.com SIP/2.0
                To: sip:user@example.com
                From: sip:caller@example.net;tag=3ghsd41
                Call-ID: zeromf.jfasdlfnm2o2l43r5u0asdfas
                CSeq: 39234321 OPTIONS
                {via}
                Max-Forwards: 0
                Content-Length: 0

                """,
            ["scalar02"] = """
                REGISTER sip:example.com SIP/2.0
                {via}
                To: <sip:user@example.com>
                From: <sip:user@example.com>;tag=239232jh3
                CSeq: 36893488147419103232 REGISTER
                Call-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32
                Max-Forwards: 300
                Expires: 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
                Contact: <sip:user@host129.example.com>
                  ;expires=280297596632815
                Content-Length: 0

                """,
            ["ltgtruri"] = """
                INVITE <sip:user@example.com> SIP/2.0
                To: sip:user@example.com
                From: sip:caller@example.net;tag=39291
                Max-Forwards: 23
                Call-ID: ltgtruri.1@192.0.2.5
                CSeq: 1 INVITE
                {via}
                Contact: <sip:caller@host5.example.net>
                Content-Length: 0

                """,
            ["quotbal"] = """
                INVITE sip:user@example.com SIP/2.0
                To: "Mr. J. User <sip:j.user@example.com>
                From: sip:caller@example.net;tag=93334
                Max-Forwards: 10
                Call-ID: quotbal.aksdj
                CSeq: 0 INVITE
                {via}
                Content-Length: 0

                """,
        };

        private CoreHarness _core = null!;

        [TestInitialize]
        public async Task StartAsync() => _core = await CoreHarness.StartAsync();

        [TestCleanup]
        public async Task StopAsync() => await _core.DisposeAsync();

        [TestMethod]
        [DataRow("badvers", 505, "SIP/7.0")]
        [DataRow("unkscm", 416, "Unsupported URI Scheme")]
        [DataRow("novelsc", 416, "Unsupported URI Scheme")]
        [DataRow("insuf", 400, "Missing Call-ID, From or To")]
        [DataRow("mismatch01", 400, "CSeq method")]
        [DataRow("bext01", 420, "Bad Extension")]
        [DataRow("zeromf", 483, "Too Many Hops")]
        [DataRow("scalar02", 400, "CSeq")]
        [DataRow("ltgtruri", 400, "")]
        [DataRow("quotbal", 400, "")]
        public async Task TortureMessage_GetsTheNamedStatus_AndTheCoreKeepsServing(string name, int status, string reasonPart)
        {
            // A raw socket: some answers echo the malformed header (an unbalanced quote, a CSeq beyond 2^32-1), which a
            // parser rightly rejects, so the answer is read as text.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            string via = "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-4475-" + name;

            socket.SendTo(Datagram(s_messages[name], via), _core.EndPoint);
            string answer = await ReceiveTextAsync(socket);

            string statusLine = answer[..answer.IndexOf("\r\n", StringComparison.Ordinal)];
            StringAssert.StartsWith(statusLine, "SIP/2.0 " + status + " ");
            StringAssert.Contains(statusLine, reasonPart);
            StringAssert.Contains(answer, "\r\n" + via + "\r\n");
            if (status == 420)
            {
                SipMessage response = SipMessageParser.Parse(Encoding.UTF8.GetBytes(answer), 0, Encoding.UTF8.GetByteCount(answer));
                CollectionAssert.AreEqual(new[] { "noProxiesSupportThis", "norDoAnyProxiesSupportThis" }, response.Headers.GetAll(SipHeaderNames.Unsupported));
            }

            TestUa bob = _core.NewUa("bob", "bob-pw");
            Assert.AreEqual(200, (await bob.RegisterAsync()).StatusCode, "the Core still serves");
        }

        private static async Task<string> ReceiveTextAsync(Socket socket)
        {
            byte[] buffer = new byte[65535];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            SocketReceiveFromResult result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            return Encoding.Latin1.GetString(buffer, 0, result.ReceivedBytes);
        }

        [TestMethod]
        public async Task MalformedResponse_IsDroppedSilently()
        {
            TestUa ua = _core.NewUa("tester");
            string bigcode = """
                SIP/2.0 4294967301 better not break the receiver
                Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-bigcode
                Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3
                From: <sip:user@example.com>;tag=39ansfi3
                To: <sip:user@example.edu>;tag=902jndnke3
                Content-Length: 0
                CSeq: 8 OPTIONS

                """.Replace("{port}", ua.Port.ToString(), StringComparison.Ordinal);

            ua.SendRaw(Datagram(bigcode, null), _core.EndPoint);

            Assert.IsNull(await ua.TryReceiveAnyResponseAsync(TimeSpan.FromMilliseconds(300)));
            Assert.IsNull(await ua.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(10)));
        }

        private static byte[] Datagram(string text, string? via)
        {
            // Every message here has an empty body: the header section ends with an empty line.
            string message = text.TrimEnd().ReplaceLineEndings("\r\n") + "\r\n\r\n";
            if (via is not null)
            {
                message = message.Replace("{via}", via, StringComparison.Ordinal);
            }

            return Encoding.UTF8.GetBytes(message);
        }
    }
}
