import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the Rapaio Java kernel (rapaio-jupyter-kernel 3.0.1) the way its own {@code MainApp} does,
 * with two differences that remove start-up races. Without them, on a busy machine, about one kernel
 * start in seven never answered ("Kernel didn't respond in 60 seconds").
 *
 * <p>First race: the kernel binds its sockets first and fills its table of message handlers afterwards. A
 * client that is already waiting (Jupyter sends {@code kernel_info_request} as soon as it can
 * connect) may get its message in between; the kernel then fails on the missing table, its shell
 * thread dies, and the kernel never answers. Here an empty table is in place before the sockets are
 * bound, so such an early message is merely unanswered (the kernel logs "Unhandled message:
 * kernel_info_request" once), and the client's next {@code kernel_info_request} (Jupyter repeats it
 * every second until a reply comes) is answered normally.
 *
 * <p>Second race: each channel's loop thread is started before its "running" flag is set, so a
 * thread scheduled at once sees the flag still false and ends, leaving that channel deaf. Here any
 * loop thread that ended that way is replaced by a fresh one running the same loop.
 *
 * <p>./workbook compiles this file into target/kernel/launcher and names it in kernel.json.
 * Usage: {@code java -cp <this>:<kernel jar> WorkbookKernel CONNECTION_FILE}
 */
public final class WorkbookKernel {
    private WorkbookKernel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("WorkbookKernel: expected one argument, the connection file; got "
                    + args.length);
        }
        // The first logging.properties on the classpath (ours, in tools/kernel/classpath) wins.
        LogManager.getLogManager().readConfiguration(
                WorkbookKernel.class.getClassLoader().getResourceAsStream("logging.properties"));
        Path connectionFile = Path.of(args[0]);
        ConnectionProperties properties =
                Transform.fromJson(Files.readString(connectionFile), ConnectionProperties.class);

        Channels channels = new Channels(properties);
        Field handlers = Channels.class.getDeclaredField("handlers");
        handlers.setAccessible(true);
        handlers.set(channels, new ConcurrentHashMap<>());

        channels.connect(MainApp.kernel); // MainApp's static initialiser builds the kernel (JShell, init script)
        for (String channel : List.of("heartbeat", "shell", "control")) {
            keepLoopAlive(channels, channel);
        }
        channels.joinUntilClose();
    }

    /** Wait until the channel's loop thread is inside its loop; replace it if it ended instead. */
    private static void keepLoopAlive(Channels channels, String name) throws Exception {
        Object channel = field(Channels.class, name).get(channels);
        Field loopField = field(channel.getClass(), "loopThread");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            LoopThread loop = (LoopThread) loopField.get(channel);
            Thread.State state = loop.getState();
            if (state == Thread.State.TERMINATED) {
                LoopThread fresh = new LoopThread(loop.getName(), field(LoopThread.class, "sleep").getLong(loop),
                        (Runnable) field(LoopThread.class, "loopBody").get(loop));
                loopField.set(channel, fresh);
                fresh.start();
                System.err.println("WorkbookKernel: restarted the " + name + " loop thread, which ended at start-up");
            } else if (state != Thread.State.NEW && state != Thread.State.RUNNABLE) {
                return; // sleeping or waiting between polls: it is inside its loop
            }
            Thread.sleep(5);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
