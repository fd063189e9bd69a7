namespace Kubedos.Engine.Tests.Backends;

/// <summary>The state backends every state contract test runs on: the same test body against <c>file://</c>, <c>memory://</c> and <c>postgres://</c>.</summary>
/// <remarks>
/// The postgres rows are left out where no server answers (a developer's machine without scripts/postgres-up), which
/// <see cref="PostgresFactAttribute"/>'s test reports as a skip; under <c>KUBEDOS_REQUIRE_LAB=1</c> (CI) they always run.
/// </remarks>
public static class StateBackends
{
    public const string File = "file";
    public const string Memory = "memory";
    public const string Postgres = "postgres";

    /// <summary>Every backend, as theory data.</summary>
    public static TheoryData<string> All => [.. Names];

    /// <summary>Every backend the tests run on here.</summary>
    public static IEnumerable<string> Names => PostgresTestDatabase.ShouldRun ? [File, Memory, Postgres] : [File, Memory];

    /// <summary>A fresh, empty backend of the kind: null for the file backend (a workspace's default <c>.kubedos/</c>).</summary>
    public static string? NewUrl(string backend) => backend switch
    {
        File => null,
        Memory => $"memory://{Guid.NewGuid():N}",
        Postgres => PostgresTestDatabase.NewBackendUrl(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "not a state backend of the tests"),
    };
}
