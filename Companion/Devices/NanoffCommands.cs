using System;
using System.Collections.Generic;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>
    /// The nanoff commands that upload a device configuration, per board, as boards/*/README.md gives them:
    /// nanoff 2.x (options with <c>--</c>) and the newer verb style.
    /// </summary>
    public static class NanoffCommands
    {
        /// <summary>The serial port the commands name when none is given: COM3 on Windows, /dev/ttyUSB0 elsewhere.</summary>
        public static string DefaultSerialPort => OperatingSystem.IsWindows() ? "COM3" : "/dev/ttyUSB0";

        /// <summary>The 2.x-style file deployment: <c>nanoff --serialport PORT --filedeployment DEPLOY</c>.</summary>
        public static string FileDeployment(string serialPort, string deployJsonPath) =>
            $"nanoff --serialport {Quote(serialPort)} --filedeployment {Quote(deployJsonPath)}";

        /// <summary>The verb-style file deployment: <c>nanoff deploy file DEPLOY serialport PORT</c>.</summary>
        public static string FileDeploymentVerbs(string serialPort, string deployJsonPath) =>
            $"nanoff deploy file {Quote(deployJsonPath)} serialport {Quote(serialPort)}";

        /// <summary>The 2.x-style first flash of the nanoFramework firmware for <paramref name="board"/> (wipes I:\).</summary>
        public static string FirstFlash(BoardProfile board, string serialPort) =>
            $"nanoff --update --target {board.Target} --serialport {Quote(serialPort)} --masserase";

        /// <summary>The lines to print for <paramref name="boards"/>: per board, its image and both command styles.</summary>
        public static IReadOnlyList<string> Describe(IEnumerable<BoardProfile> boards, string serialPort, string deployJsonPath)
        {
            var lines = new List<string>();
            foreach (BoardProfile board in boards)
            {
                lines.Add($"  {board.Name} (image {board.Target}; boards/{board.Name}/README.md):");
                lines.Add("    " + FileDeployment(serialPort, deployJsonPath));
                lines.Add("    " + FileDeploymentVerbs(serialPort, deployJsonPath) + "    # newer nanoff");
            }

            return lines;
        }

        // Quotes for a POSIX shell or cmd.exe only when needed; generated paths rarely need it.
        private static string Quote(string value)
        {
            foreach (char c in value)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '\\' or '.' or '-' or '_' or ':'))
                {
                    return OperatingSystem.IsWindows() ? "\"" + value + "\"" : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
                }
            }

            return value;
        }
    }
}
