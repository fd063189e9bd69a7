namespace Kubedos.Engine.Testing;

/// <summary>Mocks made from a function, for tests that answer every resource the same way or by type.</summary>
public static class Mocks
{
    /// <summary>Every custom resource gets its inputs back as outputs.</summary>
    public static IMocks EchoInputs { get; } = From(MockResourceResult.EchoInputs);

    /// <summary>Mocks that answer each resource with <paramref name="answer"/>.</summary>
    public static IMocks From(Func<MockResourceArgs, MockResourceResult> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new FunctionMocks(answer);
    }

    private sealed class FunctionMocks(Func<MockResourceArgs, MockResourceResult> answer) : IMocks
    {
        public Task<MockResourceResult> NewResourceAsync(MockResourceArgs args, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(answer(args));
        }
    }
}
