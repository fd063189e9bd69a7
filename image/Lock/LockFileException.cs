namespace Kubedos.Image.Lock;

/// <summary>A lock file that cannot be used: names the file, the JSON path and the rule.</summary>
public sealed class LockFileException : Exception
{
    public LockFileException(string path, string field, string rule)
        : base($"{path}: {field}: {rule}")
    {
        FilePath = path;
        Field = field;
    }

    public string FilePath { get; }

    public string Field { get; }
}
