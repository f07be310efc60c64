// Fails loudly when an npm script runs on a Node older than the one Lambda and the project target.
const required = 24;
const major = Number(process.versions.node.split(".")[0]);
if (major < required) {
  console.error(
    `\n*** Partnerflow needs Node ${required} or newer; this is Node ${process.versions.node}.\n` +
      "*** Run it through npm (npm start, npm test): the node@24 devDependency puts Node 24 first on the PATH.\n" +
      "*** If you see this under npm, run `npm install` again so node_modules/.bin/node exists.\n",
  );
  process.exit(1);
}
