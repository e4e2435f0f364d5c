using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>
    /// Writes the files of a paired device: the configuration (which holds the SIP password) and the nanoff
    /// file-deployment JSON. Files are created readable by the owner only (0600, directory 0700) where the
    /// operating system has Unix permissions, and replaced atomically so a reader never sees half a file.
    /// </summary>
    public static class DeviceFiles
    {
        /// <summary>The configuration file name, as the device expects it on <c>I:\</c>.</summary>
        public const string ConfigFileName = Firmware.Config.DeviceConfigParser.FileName;

        /// <summary>The nanoff file-deployment file name.</summary>
        public const string DeployFileName = "deploy.json";

        /// <summary>Where nanoff puts the configuration on the device.</summary>
        public const string DeviceConfigPath = @"I:\" + ConfigFileName;

        private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        /// <summary>Creates <paramref name="directory"/> (owner-only when new) and returns its full path.</summary>
        public static string EnsureDirectory(string directory)
        {
            string full = Path.GetFullPath(directory);
            if (!Directory.Exists(full))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(full);
                }
                else
                {
                    Directory.CreateDirectory(full, OwnerAll);
                }
            }

            return full;
        }

        /// <summary>
        /// The nanoff file-deployment JSON (the format of <c>boards/*/deploy.json.template</c>) that uploads
        /// <paramref name="sourcePath"/> to <see cref="DeviceConfigPath"/>.
        /// </summary>
        public static string DeployJson(string sourcePath)
        {
            ArgumentNullException.ThrowIfNull(sourcePath);
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
            {
                Indented = true,
                NewLine = "\n",

                // A file read by nanoff, never embedded in HTML: keep '<', '>' and non-ASCII path characters readable.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))
            {
                json.WriteStartObject();
                json.WriteStartArray("files");
                json.WriteStartObject();
                json.WriteString("DestinationFilePath", DeviceConfigPath);
                json.WriteString("SourceFilePath", sourcePath);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        /// <summary>
        /// Writes <paramref name="text"/> as UTF-8 (no byte order mark) to <paramref name="path"/>, owner-only,
        /// through a temporary file in the same directory that then replaces the target.
        /// </summary>
        public static void WriteSecret(string path, string text)
        {
            ArgumentNullException.ThrowIfNull(path);
            ArgumentNullException.ThrowIfNull(text);
            string temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerReadWrite;
            }

            try
            {
                using (var stream = new FileStream(temporary, options))
                {
                    byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }
    }
}
