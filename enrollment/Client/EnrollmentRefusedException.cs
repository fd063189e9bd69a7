namespace Kubedos.Enrollment.Client;

/// <summary>Enrollment did not succeed; <see cref="Reason"/> is the stable code, the message says why.</summary>
public sealed class EnrollmentRefusedException : Exception
{
    /// <summary>The client refused the server (reason code).</summary>
    public const string ServerNotPinned = "server-not-pinned";

    public EnrollmentRefusedException()
    {
        Reason = string.Empty;
    }

    public EnrollmentRefusedException(string message)
        : base(message)
    {
        Reason = string.Empty;
    }

    public EnrollmentRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = string.Empty;
    }

    public EnrollmentRefusedException(string reason, string message, Exception? innerException = null)
        : base($"{reason}: {message}", innerException)
    {
        Reason = reason;
    }

    /// <summary>The service's rejection code, or <see cref="ServerNotPinned"/> when the client refused the server.</summary>
    public string Reason { get; }
}
