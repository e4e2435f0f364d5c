namespace SimpleImGateway.Firmware.Storage
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3, zlib and PNG (reflected polynomial 0xEDB88320, initial value and final
    /// XOR 0xFFFFFFFF). A 16-entry table processes a nibble at a time: 64 bytes of RAM instead of 1 KB.
    /// </summary>
    public static class Crc32
    {
        /// <summary>The state to start an incremental computation with.</summary>
        public const uint InitialState = 0xFFFFFFFF;

        private const uint ReflectedPolynomial = 0xEDB88320;

        private static readonly uint[] s_nibbleTable = BuildNibbleTable();

        /// <summary>The CRC-32 of a run of bytes.</summary>
        public static uint Compute(byte[] buffer, int offset, int count)
        {
            return Finish(Update(InitialState, buffer, offset, count));
        }

        /// <summary>Feeds bytes into a state obtained from <see cref="InitialState"/> or an earlier call.</summary>
        public static uint Update(uint state, byte[] buffer, int offset, int count)
        {
            uint[] table = s_nibbleTable;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                state ^= buffer[i];
                state = (state >> 4) ^ table[state & 0x0F];
                state = (state >> 4) ^ table[state & 0x0F];
            }

            return state;
        }

        /// <summary>Turns a state into the checksum.</summary>
        public static uint Finish(uint state)
        {
            return ~state;
        }

        private static uint[] BuildNibbleTable()
        {
            var table = new uint[16];
            for (uint n = 0; n < 16; n++)
            {
                uint value = n;
                for (int bit = 0; bit < 4; bit++)
                {
                    value = (value & 1) != 0 ? (value >> 1) ^ ReflectedPolynomial : value >> 1;
                }

                table[n] = value;
            }

            return table;
        }
    }
}
