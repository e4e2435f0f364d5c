using System;

namespace SimpleImGateway.Companion.Demo;

/// <summary>A step of the demo did not happen in time; the message says which.</summary>
public sealed class DemoStepException(string message) : Exception(message);
