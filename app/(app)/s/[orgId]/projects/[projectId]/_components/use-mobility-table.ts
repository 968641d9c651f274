/*
 * TanStack Table's hook under a name of ours. React Compiler must not memoise a component that uses
 * it (the table instance hands out fresh functions on every render): the compiler is not enabled in
 * this build, and mobility-table.tsx also opts out with "use no memo" should it ever be.
 */
export { useReactTable as useMobilityTable } from "@tanstack/react-table";
