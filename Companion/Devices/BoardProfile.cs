namespace SimpleImGateway.Companion.Devices
{
    /// <summary>
    /// A board of <c>boards/</c>: what pairing needs to write its pins and print its nanoff commands. The values
    /// repeat those of <c>boards/NAME/README.md</c> and <c>simpleim.conf.template</c> (a test keeps them equal),
    /// so a published companion without the repository still knows them.
    /// </summary>
    /// <param name="Name">The folder name under <c>boards/</c>.</param>
    /// <param name="Target">The nanoFramework firmware image (<c>nanoff --target</c>).</param>
    /// <param name="LedPin">The status LED's GPIO.</param>
    /// <param name="LedActiveHigh">Whether the LED lights with its pin high.</param>
    /// <param name="ButtonPin">The button's GPIO.</param>
    public sealed record BoardProfile(string Name, string Target, int LedPin, bool LedActiveHigh, int ButtonPin)
    {
        /// <summary>The boards in <c>boards/</c>, by name.</summary>
        public static BoardProfile[] All { get; } =
        [
            new("esp32-devkitc", "ESP32_REV0", LedPin: 2, LedActiveHigh: true, ButtonPin: 0),
            new("esp32-wrover", "ESP32_PSRAM_REV0", LedPin: 2, LedActiveHigh: true, ButtonPin: 0),
            new("esp32-c3", "ESP32_C3", LedPin: 3, LedActiveHigh: true, ButtonPin: 9),
        ];

        /// <summary>The board named <paramref name="name"/>, or null.</summary>
        public static BoardProfile? Find(string name)
        {
            foreach (BoardProfile board in All)
            {
                if (board.Name == name)
                {
                    return board;
                }
            }

            return null;
        }
    }
}
