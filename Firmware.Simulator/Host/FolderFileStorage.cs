using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>The device's flash drive as a folder of the host's file system.</summary>
public sealed class FolderFileStorage : IFileStorage
{
    private readonly string _folder;

    /// <summary>Uses <paramref name="folder"/>, creating it when missing.</summary>
    public FolderFileStorage(string folder)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    /// <inheritdoc/>
    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <inheritdoc/>
    public IStorageFile Open(string name)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new IOException("no file " + name + " in " + _folder);
        }

        return new FolderStorageFile(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1));
    }

    /// <inheritdoc/>
    public IStorageFile Create(string name)
        => new FolderStorageFile(new FileStream(PathOf(name), FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1));

    /// <inheritdoc/>
    public void Rename(string from, string to) => File.Move(PathOf(from), PathOf(to), overwrite: false);

    /// <inheritdoc/>
    public void Delete(string name) => File.Delete(PathOf(name));

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            throw new ArgumentException("'" + name + "' is not a plain file name", nameof(name));
        }

        return Path.Combine(_folder, name);
    }
}
