using System.IO;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// <see cref="IFileStorage"/> on a nanoFramework drive, the internal flash "I:\" on an ESP32.
    /// Uses System.IO.File and FileStream from nanoFramework.System.IO.FileSystem: File.Move refuses
    /// an existing destination (as the interface requires) and File.Delete ignores a missing file.
    /// </summary>
    public sealed class FlashFileStorage : IFileStorage
    {
        private readonly string _folder;

        /// <summary>Files live directly in <paramref name="folder"/>, for example "I:\\".</summary>
        public FlashFileStorage(string folder)
        {
            _folder = folder;
        }

        /// <inheritdoc/>
        public bool Exists(string name)
        {
            return File.Exists(_folder + name);
        }

        /// <inheritdoc/>
        public IStorageFile Open(string name)
        {
            return new FlashStorageFile(new FileStream(_folder + name, FileMode.Open, FileAccess.ReadWrite));
        }

        /// <inheritdoc/>
        public IStorageFile Create(string name)
        {
            return new FlashStorageFile(new FileStream(_folder + name, FileMode.Create, FileAccess.ReadWrite));
        }

        /// <inheritdoc/>
        public void Rename(string from, string to)
        {
            File.Move(_folder + from, _folder + to);
        }

        /// <inheritdoc/>
        public void Delete(string name)
        {
            File.Delete(_folder + name);
        }
    }
}
