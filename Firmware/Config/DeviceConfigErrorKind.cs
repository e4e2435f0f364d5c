namespace SimpleImGateway.Firmware.Config
{
    /// <summary>
    /// Why a device configuration file was refused (docs/device-config.md, "Errors"). The names are
    /// part of the format: the device logs them, so use <see cref="DeviceConfigException.KindName"/>
    /// rather than ToString, which prints a number on nanoFramework.
    /// </summary>
    public enum DeviceConfigErrorKind
    {
        /// <summary>A line is neither blank, a comment nor <c>key = value</c>, or it holds a control character or is too long.</summary>
        Syntax,

        /// <summary>A key the format does not define (often a typo).</summary>
        UnknownKey,

        /// <summary>A key set on two lines; the first value is kept in the partial configuration.</summary>
        DuplicateKey,

        /// <summary>A required key is set on no line.</summary>
        MissingField,

        /// <summary>A value is empty where it must not be, out of range, of the wrong form, or still a template placeholder.</summary>
        BadValue,

        /// <summary>A line is not well-formed UTF-8.</summary>
        Encoding,

        /// <summary>The file is larger than <see cref="DeviceConfigParser.MaxFileBytes"/>.</summary>
        TooLarge,

        /// <summary>The file is missing or cannot be read (raised by the device, never by the parser).</summary>
        Unreadable,
    }
}
