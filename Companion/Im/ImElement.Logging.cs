using System;
using Microsoft.Extensions.Logging;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>The IM Server: its log messages.</summary>
    public sealed partial class ImElement
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "IM Server: {Recipients} recipient(s) with stored messages, {Registrations} registration(s) restored")]
        private partial void LogStateLoaded(int recipients, int registrations);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "IM Server: {Aor} registered (until {Until})")]
        private partial void LogRegistered(string aor, DateTimeOffset? until);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "IM Server: {Aor} no longer registered ({Why})")]
        private partial void LogUnregistered(string aor, string why);

        [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "IM Server: {Aor} is {Available} for IM by presence")]
        private partial void LogPresenceCore(string aor, string available);

        private void LogPresence(string aor, bool available) => LogPresenceCore(aor, available ? "available" : "not available");

        [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "IM Server: third-party REGISTER of {Aor} ignored (registrations come from the reg event)")]
        private partial void LogRegisterIgnored(string aor);

        [LoggerMessage(EventId = 510, Level = LogLevel.Debug, Message = "IM Server: stored message {Id} for {Recipient}")]
        private partial void LogStored(string recipient, long id);

        [LoggerMessage(EventId = 511, Level = LogLevel.Information, Message = "IM Server: duplicate {Key} for {Recipient} stored once")]
        private partial void LogDuplicate(string recipient, string key);

        [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "IM Server: message store of {Recipient} is full ({Quota}); MESSAGE refused")]
        private partial void LogQuota(string recipient, int quota);

        [LoggerMessage(EventId = 513, Level = LogLevel.Information, Message = "IM Server: relay to {Recipient} ended {Status}; storing the message instead")]
        private partial void LogRelayFellBack(string recipient, int status);

        [LoggerMessage(EventId = 520, Level = LogLevel.Debug, Message = "IM Server: delivered stored message {Id} to {Recipient} (attempt {Attempt})")]
        private partial void LogDelivered(string recipient, long id, int attempt);

        [LoggerMessage(EventId = 521, Level = LogLevel.Warning, Message = "IM Server: delivery of stored message {Id} to {Recipient} failed with {Status} (attempt {Attempt}); next attempt at {Next}")]
        private partial void LogDeliveryFailed(string recipient, long id, int status, int attempt, DateTimeOffset next);

        [LoggerMessage(EventId = 522, Level = LogLevel.Warning, Message = "IM Server: {Recipient} refused stored message {Id} with {Status} {Reason}; it is removed")]
        private partial void LogRefused(string recipient, long id, int status, string reason);

        [LoggerMessage(EventId = 523, Level = LogLevel.Information, Message = "IM Server: stored message {Id} for {Recipient} from {Sender} expired")]
        private partial void LogExpired(string recipient, long id, string sender);
    }
}
