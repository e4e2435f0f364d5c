using System.Runtime.InteropServices;

namespace SimpleImGateway.Companion.Tests.EndToEnd
{
    /// <summary>The one libc call the capture needs: a signal that lets tshark flush its file before it exits.</summary>
    internal static class Posix
    {
        public const int SigInt = 2;
        public const int SigTerm = 15;

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
