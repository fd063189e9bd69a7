namespace Kubedos.Enrollment.Revocation;

/// <summary>A file of the enrollment state (the ledger, the revocation list) cannot be read as what it must be; names the file and the line.</summary>
public sealed class EnrollmentStateFileException : Exception
{
    public EnrollmentStateFileException()
    {
    }

    public EnrollmentStateFileException(string message)
        : base(message)
    {
    }

    public EnrollmentStateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EnrollmentStateFileException(string path, string message, Exception innerException)
        : base($"{path}: {message}", innerException) => Path = path;

    /// <summary>The file at fault.</summary>
    public string? Path { get; }
}
