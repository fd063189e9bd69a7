using System.Runtime.ExceptionServices;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation;

/// <summary>The program a workspace runs: it constructs resources inside a <see cref="Stack"/> and may return stack outputs.</summary>
/// <remarks>
/// Inline: <c>StackProgram.Create(stack =&gt; { var key = new PrivateKey("ca", args); return new Dictionary&lt;string, object?&gt; { ["pem"] = key.Pem }; })</c>.
/// Typed: <c>StackProgram.Create&lt;KubedosStack&gt;()</c>, whose constructor builds the resources and whose
/// <see cref="Output{T}"/> properties are the stack outputs.
/// </remarks>
public sealed class StackProgram
{
    private readonly Func<Task<(Stack, IReadOnlyDictionary<string, object?>)>> _run;

    private StackProgram(Func<Task<(Stack, IReadOnlyDictionary<string, object?>)>> run) => _run = run;

    /// <summary>An inline program that returns its outputs asynchronously.</summary>
    public static StackProgram Create(Func<Stack, Task<IDictionary<string, object?>>> program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new(async () =>
        {
            var stack = new Stack();
            var outputs = await program(stack);
            return (stack, outputs.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        });
    }

    /// <summary>An inline program that returns its outputs.</summary>
    public static StackProgram Create(Func<Stack, IDictionary<string, object?>> program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Create(stack => Task.FromResult(program(stack)));
    }

    /// <summary>An inline program with no outputs.</summary>
    public static StackProgram Create(Action<Stack> program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Create(stack =>
        {
            program(stack);
            return (IDictionary<string, object?>)new Dictionary<string, object?>();
        });
    }

    /// <summary>A typed stack: its constructor builds the resources, its output properties are the stack outputs.</summary>
    public static StackProgram Create<TStack>()
        where TStack : Stack, new() =>
        new(() =>
        {
            TStack stack;
            try
            {
                stack = new TStack();
            }
            catch (Exception e) when (ExceptionCause.Of(e) != e)
            {
                // new() runs the constructor by reflection, which wraps what it throws; the program's own error is the one to report.
                ExceptionDispatchInfo.Capture(ExceptionCause.Of(e)).Throw();
                throw;
            }

            return Task.FromResult<(Stack, IReadOnlyDictionary<string, object?>)>((stack, stack.DeclaredOutputs()));
        });

    /// <summary>
    /// A typed stack chosen while the program runs: <paramref name="construct"/> may read the stack's config
    /// (<see cref="ProgramConfig"/>) to pick which stack class builds it; its output properties are the stack outputs.
    /// </summary>
    public static StackProgram Create(Func<Stack> construct)
    {
        ArgumentNullException.ThrowIfNull(construct);
        return new(() =>
        {
            var stack = construct();
            return Task.FromResult<(Stack, IReadOnlyDictionary<string, object?>)>((stack, stack.DeclaredOutputs()));
        });
    }

    internal Task<(Stack Stack, IReadOnlyDictionary<string, object?> Outputs)> RunAsync() => _run();
}
