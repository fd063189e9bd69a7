using System.Text.Json;
using Kubedos.Engine.State;

// A second real process for the stack lock tests: it takes or tries the lock through the library.
//   hold <root> <project> <stack> <operation>: take the lock, print its info as JSON, hold it until stdin closes.
//   try  <root> <project> <stack> <operation>: take and release the lock; exit 3 with the message when it is held.
//   watch <root> <project> <stack> -: for each line on stdin, print the holder's lock id (or "free"), as another process sees it.
if (args.Length != 5 || args[0] is not ("hold" or "try" or "watch"))
{
    await Console.Error.WriteLineAsync("usage: hold|try|watch <backend root> <project> <stack> <operation>");
    return 2;
}

if (args[0] == "watch")
{
    while (await Console.In.ReadLineAsync() is not null)
    {
        Console.WriteLine(StackLock.Read(args[1], args[2], args[3]) is { } holder ? holder.Id : "free");
    }

    return 0;
}

try
{
    using var held = StackLock.Acquire(args[1], args[2], args[3], args[4]);
    Console.WriteLine(JsonSerializer.Serialize(held.Info));
    if (args[0] == "hold")
    {
        await Console.In.ReadToEndAsync();
    }

    return 0;
}
catch (StackLockedException e)
{
    Console.WriteLine(e.Message);
    return 3;
}
