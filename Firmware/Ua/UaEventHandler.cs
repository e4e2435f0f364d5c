namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>Receives the <see cref="UserAgent"/>'s events; called on the thread running <see cref="UserAgent.Poll"/>.</summary>
    public delegate void UaEventHandler(UaEvent e);
}
