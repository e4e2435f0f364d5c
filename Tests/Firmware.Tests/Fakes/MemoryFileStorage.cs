using System;
using System.Collections;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Tests.Fakes
{
    /// <summary>
    /// Files in RAM that can lose power at a chosen point. Every state change is a numbered event:
    /// each create, rename, delete and flush is one, and a write is several, one per place it can be
    /// torn (every byte when <see cref="ByteExact"/>, otherwise before its first byte, after its first
    /// byte, in its middle and before its last byte). Arming event N makes the N-th event cut the
    /// power: the operation is left half done as <see cref="CutMode"/> says, and it and every later
    /// call throw <see cref="PowerCutException"/> until <see cref="Reboot"/>.
    /// </summary>
    public sealed class MemoryFileStorage : IFileStorage
    {
        private readonly ArrayList _files = new ArrayList();
        private long _events;
        private long _cutAt = -1;
        private CutMode _mode;
        private bool _powerOff;

        /// <summary>Whether every byte of a write is a cut point.</summary>
        public bool ByteExact { get; set; }

        /// <summary>Events passed so far.</summary>
        public long Events => _events;

        /// <summary>Whether the armed cut has happened.</summary>
        public bool PowerOff => _powerOff;

        /// <summary>Cuts the power at event <paramref name="eventIndex"/> (counted from the current one).</summary>
        public void ArmCut(long eventIndex, CutMode mode)
        {
            _cutAt = _events + eventIndex;
            _mode = mode;
        }

        /// <summary>Power is back: calls work again and no cut is armed.</summary>
        public void Reboot()
        {
            _powerOff = false;
            _cutAt = -1;
        }

        /// <summary>A copy of every file, with no cut armed.</summary>
        public MemoryFileStorage Clone()
        {
            var copy = new MemoryFileStorage();
            copy.ByteExact = ByteExact;
            foreach (MemoryFile file in _files)
            {
                copy._files.Add(file.Clone());
            }

            return copy;
        }

        /// <summary>The bytes of a file, or null.</summary>
        public byte[] ReadAll(string name)
        {
            MemoryFile file = Find(name);
            if (file == null)
            {
                return null;
            }

            var bytes = new byte[file.Length];
            Array.Copy(file.Data, bytes, file.Length);
            return bytes;
        }

        /// <summary>Replaces a file's bytes without counting events (for setting up damage).</summary>
        public void WriteAll(string name, byte[] bytes)
        {
            MemoryFile file = Find(name);
            if (file == null)
            {
                file = new MemoryFile(name);
                _files.Add(file);
            }

            file.Length = 0;
            file.Write(bytes, 0, bytes.Length);
            file.Durable = file.Length;
        }

        /// <summary>The names of all files.</summary>
        public string[] Names()
        {
            var names = new string[_files.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = ((MemoryFile)_files[i]).Name;
            }

            return names;
        }

        public bool Exists(string name)
        {
            CheckPower();
            return Find(name) != null;
        }

        public IStorageFile Open(string name)
        {
            CheckPower();
            MemoryFile file = Find(name);
            if (file == null)
            {
                throw new System.IO.IOException("no file " + name);
            }

            return new MemoryStorageFile(this, file);
        }

        public IStorageFile Create(string name)
        {
            Step();
            MemoryFile file = Find(name);
            if (file == null)
            {
                file = new MemoryFile(name);
                _files.Add(file);
            }

            file.Length = 0;
            file.Durable = 0;
            return new MemoryStorageFile(this, file);
        }

        public void Rename(string from, string to)
        {
            Step();
            MemoryFile file = Find(from);
            if (file == null)
            {
                throw new System.IO.IOException("no file " + from);
            }

            if (Find(to) != null)
            {
                throw new System.IO.IOException("file " + to + " exists");
            }

            file.Name = to;
        }

        public void Delete(string name)
        {
            Step();
            MemoryFile file = Find(name);
            if (file != null)
            {
                _files.Remove(file);
            }
        }

        internal void CheckPower()
        {
            if (_powerOff)
            {
                throw new PowerCutException();
            }
        }

        internal void Flush(MemoryFile file)
        {
            Step();
            file.Durable = file.Length;
        }

        internal void Write(MemoryFile file, byte[] buffer, int offset, int count)
        {
            CheckPower();
            int previous = -1;
            for (int point = 0; point < 4 || (ByteExact && point < count); point++)
            {
                int torn = ByteExact ? point : point == 0 ? 0 : point == 1 ? 1 : point == 2 ? count / 2 : count - 1;
                if (torn >= count || torn <= previous)
                {
                    if (ByteExact)
                    {
                        break;
                    }

                    continue;
                }

                previous = torn;
                if (_events == _cutAt)
                {
                    file.Write(buffer, offset, torn);
                    if (_mode == CutMode.Garble)
                    {
                        for (int i = torn; i < count; i++)
                        {
                            byte garbage = (byte)(buffer[offset + i] ^ (0x5A + i));
                            file.Write(new byte[] { garbage }, 0, 1);
                        }
                    }

                    Cut();
                }

                _events++;
            }

            file.Write(buffer, offset, count);
        }

        private void Step()
        {
            CheckPower();
            if (_events == _cutAt)
            {
                Cut();
            }

            _events++;
        }

        private void Cut()
        {
            _powerOff = true;
            if (_mode == CutMode.LoseUnflushed)
            {
                foreach (MemoryFile file in _files)
                {
                    file.Length = file.Durable;
                }
            }

            throw new PowerCutException();
        }

        private MemoryFile Find(string name)
        {
            foreach (MemoryFile file in _files)
            {
                if (file.Name == name)
                {
                    return file;
                }
            }

            return null;
        }
    }
}
