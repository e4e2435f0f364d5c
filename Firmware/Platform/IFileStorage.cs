namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>
    /// A flat folder of files: the internal flash drive on the device, a directory on the host.
    /// Names are plain file names without a path.
    /// </summary>
    /// <remarks>
    /// The journal relies on three guarantees: data passed to <see cref="IStorageFile.Append"/> is
    /// durable once <see cref="IStorageFile.Flush"/> returns; <see cref="Rename"/> is atomic (after a
    /// power cut the file exists under exactly one of the two names); and <see cref="Rename"/> never
    /// replaces an existing file (nanoFramework's File.Move refuses to, so callers delete first).
    /// </remarks>
    public interface IFileStorage
    {
        /// <summary>Whether a file with this name exists.</summary>
        bool Exists(string name);

        /// <summary>Opens an existing file for reading and appending.</summary>
        /// <exception cref="System.IO.IOException">The file does not exist or cannot be opened.</exception>
        IStorageFile Open(string name);

        /// <summary>Creates an empty file, replacing any file with the same name, and opens it.</summary>
        IStorageFile Create(string name);

        /// <summary>Gives file <paramref name="from"/> the name <paramref name="to"/>, which must not exist.</summary>
        void Rename(string from, string to);

        /// <summary>Deletes a file; does nothing when it does not exist.</summary>
        void Delete(string name);
    }
}
